# Review state of this locale: "reviewed" once a native speaker has checked
# every message; anything else marks it as a draft (shown to staff only).
meta-review-status = reviewed
language-self-name = English
