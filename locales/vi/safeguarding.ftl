staff-nav-safeguarding = Bảo vệ trẻ em
sg-title = Bảo vệ trẻ em: mối lo khẩn cấp
sg-intro = Các mối lo được chuyển đến đây ngay lập tức, không theo đợt hằng ngày. Hãy xác nhận từng mối lo trong vòng 24 giờ, làm theo các bước chuyển tuyến và ghi lại những gì bạn đã làm.
sg-tab-open = Đang mở
sg-tab-closed = Đã đóng
sg-none = Không có mối lo nào ở đây.
sg-overdue = Quá hạn { $hours } giờ
sg-hours-left = Còn { $hours } giờ để xác nhận
sg-col-reference = Mã tham chiếu
sg-col-programme = Chương trình
sg-col-source = Người nêu
sg-col-state = Trạng thái
sg-col-raised = Thời điểm nêu (giờ)
sg-col-acknowledge = Đã xác nhận / hạn
sg-col-due = Xác nhận trước
sg-source-question = Bạn trẻ (câu hỏi bảo vệ trẻ em)
sg-source-moderator = Một người kiểm duyệt
sg-state-new = Mới
sg-state-acknowledged = Đã xác nhận
sg-state-referred = Đã chuyển tuyến
sg-state-closed = Đã đóng
sg-case-title = Mối lo về bảo vệ trẻ em
sg-said = Nội dung đã nói
sg-said-yes = Bạn trẻ đã trả lời "có" cho câu hỏi bảo vệ trẻ em: bạn ấy có thể không an toàn, hoặc cần giúp đỡ ngay.
sg-said-words = Bạn trẻ đã viết cho câu hỏi bảo vệ trẻ em:
sg-said-moderator = Một người kiểm duyệt đã đánh dấu bài gửi này là mối lo về bảo vệ trẻ em. Lý do:
sg-referral = Các bước chuyển tuyến
sg-referral-missing = Chương trình này chưa có các bước chuyển tuyến. Hãy nhờ quản trị viên thêm vào; trong lúc chờ, hãy làm theo chính sách bảo vệ trẻ em của tổ chức bạn.
sg-helplines = Đường dây trợ giúp
sg-steps = Các bước đã thực hiện
sg-steps-none = Chưa ghi nhận gì.
sg-note-label = Ghi chú
sg-note-hint = Cần có khi chuyển tuyến hoặc đóng: bạn đã chuyển tuyến cho ai, hoặc vì sao đóng. Không bao giờ ghi tên của bạn trẻ.
sg-do-acknowledged = Xác nhận
sg-do-referred = Ghi nhận việc chuyển tuyến
sg-do-closed = Đóng
sg-answers = Các câu trả lời của bạn ấy
sg-reply-hint = Hãy viết ngắn gọn và tử tế; bạn có thể nêu một đường dây trợ giúp. Bạn trẻ đọc phản hồi bằng mã biên nhận của mình.
sg-flag-summary = Đây là một mối lo về bảo vệ trẻ em
sg-flag-hint = Bài gửi sẽ rời hàng chờ để sang trang khẩn cấp, và những người liên hệ về bảo vệ trẻ em của chương trình sẽ được gửi e-mail ngay.
sg-flag-reason = Lý do (không bắt buộc, không ghi tên)
sg-flag-submit = Chuyển sang trang khẩn cấp
staff-done-raised = Bài gửi này giờ là một mối lo về bảo vệ trẻ em. Những người liên hệ đã được báo.
staff-done-acknowledged = Đã xác nhận mối lo.
staff-done-referred = Đã ghi nhận việc chuyển tuyến.
staff-done-closed = Đã đóng mối lo.
staff-link-mailed = Đã gửi đường dẫn dùng một lần qua e-mail tới
audit-concern_raised = Đã nêu một mối lo về bảo vệ trẻ em
audit-concern_viewed = Đã mở một mối lo về bảo vệ trẻ em
audit-concern_step = Đã chuyển trạng thái một mối lo về bảo vệ trẻ em
audit-detail-state-acknowledged = đã xác nhận
audit-detail-state-referred = đã chuyển tuyến
audit-detail-state-closed = đã đóng
mail-alert-subject = Mối lo về bảo vệ trẻ em trong { $programme }
mail-alert-body =
    Một mối lo mới về bảo vệ trẻ em đã được nêu trong { $programme } (mã tham chiếu { $reference }).
    Vui lòng đăng nhập vào Siang, đọc và xác nhận trong vòng 24 giờ:
    { $link }
    E-mail này cố ý không chứa lời nào của bạn trẻ. Đừng chuyển tiếp e-mail này.
mail-invite-subject = Tài khoản Siang của bạn
mail-invite-body =
    Xin chào { $name },
    một tài khoản trên Siang đã được tạo cho bạn. Hãy đặt mật khẩu bằng đường dẫn này trong vòng 24 giờ; đường dẫn chỉ dùng được một lần:
    { $link }
    Nếu bạn không chờ e-mail này, hãy bỏ qua nó: không có gì xảy ra nếu không dùng đường dẫn.
mail-reset-subject = Đặt mật khẩu Siang mới
mail-reset-body =
    Xin chào { $name },
    quản trị viên đã tạo cho bạn một đường dẫn mới để đặt mật khẩu Siang. Đường dẫn chỉ dùng được một lần, trong vòng 24 giờ:
    { $link }
    Nếu bạn không yêu cầu, hãy báo cho quản trị viên của bạn.
