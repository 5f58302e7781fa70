meta-review-status = draft
language-self-name = ລາວ
