meta-review-status = draft
language-self-name = ខ្មែរ
