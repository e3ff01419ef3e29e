"""Bevakningar: saved searches and case numbers that report the new documents matching
them after every run, on a page, in an Atom feed and by e-mail (see `store` for how
nothing is missed or reported twice, `check` for the matching)."""
