# Kiosk mode: a tablet lent in a programme venue (see app/src/model/kiosk.rs).
kiosk-shared-note = Máy tính bảng này dùng chung. Khi bạn làm xong, hoặc nếu không ai chạm vào trong 2 phút, mọi thứ bạn viết sẽ được xoá cho người tiếp theo.
kiosk-countdown-title = Bạn vẫn còn ở đây chứ?
kiosk-countdown-body = Trang này sắp tự xoá và bắt đầu lại cho người tiếp theo. Chạm vào màn hình để ở lại.
kiosk-still-here = Tôi vẫn ở đây
kiosk-closed-body = Biểu mẫu này đã được đóng để người tiếp theo có thể bắt đầu. Không có gì của nó được hiển thị ở đây. Nếu bạn chưa xong, bạn có thể bắt đầu lại.
kiosk-receipt-title = Mã biên nhận của bạn — hãy ghi lại ngay bây giờ
kiosk-receipt-step-paper = Tìm giấy và bút, hoặc xin một nhân viên mà bạn tin tưởng.
kiosk-receipt-step-write = Ghi chính xác mã này. Bạn cần nó để đọc câu trả lời của nhóm hoặc để rút lại câu trả lời của bạn.
kiosk-receipt-step-done = Sau đó bấm nút. Mã sẽ biến mất khỏi màn hình này và không ai sau bạn nhìn thấy được.
kiosk-receipt-done = Tôi đã ghi lại — xoá màn hình
setup-kiosk = Liên kết kiosk (máy tính bảng dùng chung tại địa điểm)
setup-kiosk-hint = Mở liên kết này trên máy tính bảng mà chương trình cho mượn. Sau mỗi lần một bạn trẻ gửi, hoặc sau 2 phút không ai chạm vào, nó tự xoá và bắt đầu lại; biên nhận được hiển thị lớn để các em ghi lại. Hãy dùng thêm chế độ kiosk hoặc khách của trình duyệt để không lưu lại gì khác.
