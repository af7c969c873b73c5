"""Leads coming in: the sources that post them (web forms, ad platforms), a submission read from their posts and
checked for spam, and how it becomes a lead (or an activity of a customer we already have)."""
