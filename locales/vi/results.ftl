results-title = Kết quả
results-intro = Những gì các bạn trẻ đã nói với chương trình này, và những gì nhóm làm về điều đó. Số liệu từ các nhóm nhỏ được ẩn đi, nên không ai bị nhận ra.
results-figures = Các câu trả lời, theo từng tháng
