report-title = Báo cáo
report-link = Báo cáo để in của tháng này
report-back = Quay lại bảng số liệu
report-print-hint = In trang này bằng trình duyệt của bạn (Ctrl+P); trang vừa khổ giấy A4.
report-printed = In ngày { $date }
