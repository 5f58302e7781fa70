results-title = 结果
results-intro = 年轻人告诉了这个项目什么，以及团队为此做了什么。小群体的数字会被隐藏，所以没有人会被认出来。
results-figures = 每个月的回答
