staff-nav-safeguarding = 儿童保护
sg-title = 儿童保护：紧急情况
sg-intro = 紧急情况会立即送到这里，不随每日批次到达。请在 24 小时内确认每一条，按转介步骤处理，并记录你做了什么。
sg-tab-open = 处理中
sg-tab-closed = 已关闭
sg-none = 这里没有紧急情况。
sg-overdue = 已逾期 { $hours } 小时
sg-hours-left = 还剩 { $hours } 小时确认
sg-col-reference = 编号
sg-col-programme = 项目
sg-col-source = 提出者
sg-col-state = 状态
sg-col-raised = 提出时间（按小时）
sg-col-acknowledge = 已确认 / 期限
sg-col-due = 确认期限
sg-source-question = 年轻人（儿童保护问题）
sg-source-moderator = 一位审核员
sg-state-new = 新的
sg-state-acknowledged = 已确认
sg-state-referred = 已转介
sg-state-closed = 已关闭
sg-case-title = 儿童保护情况
sg-said = 所说内容
sg-said-yes = 年轻人对儿童保护问题回答了"是"：他们可能不安全，或现在就需要帮助。
sg-said-words = 年轻人对儿童保护问题写道：
sg-said-moderator = 一位审核员把这条反馈标记为儿童保护情况。理由：
sg-referral = 转介步骤
sg-referral-missing = 这个项目还没有转介步骤。请管理员添加；在此之前，请按照你所在机构的儿童保护政策处理。
sg-helplines = 求助热线
sg-steps = 已采取的步骤
sg-steps-none = 尚无记录。
sg-note-label = 备注
sg-note-hint = 转介或关闭时必填：你转介给了谁，或为什么关闭。切勿写年轻人的名字。
sg-do-acknowledged = 确认
sg-do-referred = 记录转介
sg-do-closed = 关闭
sg-answers = 他们的回答
sg-reply-hint = 简短而友善；可以提到一条求助热线。年轻人用回执码阅读回复。
sg-flag-summary = 这是儿童保护情况
sg-flag-hint = 这条反馈将离开队列，转入紧急视图，并立即发电子邮件通知该项目的儿童保护联系人。
sg-flag-reason = 原因（可选，不写名字）
sg-flag-submit = 转入紧急视图
staff-done-raised = 这条反馈现在是儿童保护情况。已通知其联系人。
staff-done-acknowledged = 已确认该情况。
staff-done-referred = 已记录转介。
staff-done-closed = 该情况已关闭。
staff-link-mailed = 一次性链接已通过电子邮件发送至
audit-concern_raised = 提出了一项儿童保护情况
audit-concern_viewed = 打开了一项儿童保护情况
audit-concern_step = 更新了一项儿童保护情况的状态
audit-detail-state-acknowledged = 已确认
audit-detail-state-referred = 已转介
audit-detail-state-closed = 已关闭
mail-alert-subject = { $programme } 中的儿童保护情况
mail-alert-body =
    { $programme } 中提出了一项新的儿童保护情况（编号 { $reference }）。
    请登录 Siang，阅读并在 24 小时内确认：
    { $link }
    本邮件有意不包含年轻人的任何原话。请勿转发。
mail-invite-subject = 你的 Siang 账户
mail-invite-body =
    { $name }，你好：
    已为你在 Siang 上创建了账户。请在 24 小时内通过此链接设置密码；链接只能用一次：
    { $link }
    如果你没有预料到这封邮件，请忽略它：没有链接就不会发生任何事。
mail-reset-subject = 设置新的 Siang 密码
mail-reset-body =
    { $name }，你好：
    管理员为你创建了一个新链接，用于设置 Siang 密码。它只能用一次，24 小时内有效：
    { $link }
    如果不是你要求的，请告诉你的管理员。
