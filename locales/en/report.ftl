report-title = Report
report-link = Printable report of this month
report-back = Back to the dashboard
report-print-hint = Print this page with your browser (Ctrl+P); it fits A4.
report-printed = Printed on { $date }
