report-title = รายงาน
report-link = รายงานสำหรับพิมพ์ของเดือนนี้
report-back = กลับไปที่แดชบอร์ด
report-print-hint = พิมพ์หน้านี้ด้วยเบราว์เซอร์ของคุณ (Ctrl+P) ได้พอดีกับกระดาษ A4
report-printed = พิมพ์เมื่อ { $date }
