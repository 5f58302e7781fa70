meta-review-status = draft
language-self-name = Tiếng Việt
