staff-nav-published = Đã công bố
pub-title = Bản tóm tắt và trích dẫn đã công bố
pub-intro = Những gì người kiểm duyệt đã công bố cho các chương trình bạn được xem: bản tóm tắt theo kỳ, và các trích dẫn có chủ đề đủ số bài gửi để hiển thị. Không có gì ở đây cho biết ai đã viết.
pub-programmes = Chương trình
pub-no-summaries = Chưa có bản tóm tắt nào được công bố.
pub-no-quotes = Chưa có trích dẫn nào có thể hiển thị.
