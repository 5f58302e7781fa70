staff-nav-published = Published
pub-title = Published summaries and quotes
pub-intro = What moderators published for the programmes you may read: period summaries, and the quotes whose theme has enough submissions to be shown. Nothing here says who wrote anything.
pub-programmes = Programmes
pub-no-summaries = No summary published yet.
pub-no-quotes = No quote can be shown yet.
