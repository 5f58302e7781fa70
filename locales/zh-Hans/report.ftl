report-title = 报告
report-link = 本月可打印报告
report-back = 返回数据看板
report-print-hint = 请用浏览器打印本页（Ctrl+P）；版面适合 A4 纸。
report-printed = 打印于 { $date }
