meta-review-status = draft
language-self-name = 简体中文
