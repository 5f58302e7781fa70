# Kiosk mode: a tablet lent in a programme venue (see app/src/model/kiosk.rs).
kiosk-shared-note = 这台平板是大家共用的。你做完后，或者 2 分钟没有人碰它，你写的所有内容都会被清除，留给下一个人。
kiosk-countdown-title = 你还在吗？
kiosk-countdown-body = 这个页面马上会自己清空，为下一个人重新开始。碰一下屏幕就可以留下。
kiosk-still-here = 我还在
kiosk-closed-body = 这份表格已经关闭，好让下一个人开始。这里不会显示它的任何内容。如果你还没做完，可以重新开始。
kiosk-receipt-title = 你的回执码——现在就把它写下来
kiosk-receipt-step-paper = 找纸和笔，或者向你信任的工作人员要。
kiosk-receipt-step-write = 准确地写下这个码。你需要用它来读团队的回复，或者收回你的回答。
kiosk-receipt-step-done = 然后按下按钮。这个码会从屏幕上消失，之后的人都看不到。
kiosk-receipt-done = 我已经写下来了——清空屏幕
setup-kiosk = 自助终端链接（场所里共用的平板）
setup-kiosk-hint = 在项目借出的平板上打开这个链接。每个年轻人发送后，或者 2 分钟没有人碰，它会自己清空并重新开始；回执码会显示得很大，方便写下来。也请使用浏览器的自助终端或访客模式，这样不会保留其他内容。
