results-title = Results
results-intro = What young people told this programme, and what the team does about it. Numbers from small groups are hidden, so no one can be recognised.
results-figures = The answers, month by month
