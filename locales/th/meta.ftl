meta-review-status = draft
language-self-name = ไทย
