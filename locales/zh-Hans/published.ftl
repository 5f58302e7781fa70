staff-nav-published = 已发布
pub-title = 已发布的总结和引语
pub-intro = 审核员为你可查看的项目发布的内容：各时期的总结，以及其主题有足够反馈可以显示的引语。这里没有任何内容显示是谁写的。
pub-programmes = 项目
pub-no-summaries = 尚未发布总结。
pub-no-quotes = 目前没有可显示的引语。
