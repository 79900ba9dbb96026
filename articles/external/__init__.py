"""Pages for people without an account: a shared preview and a sign-off by link.

They sit outside the admin (`/shared/preview/<token>/`, `/sign-off/<token>/`, mounted by
`newsroom/urls.py`) and need no login: the signed token in the address is the key. Every
answer is private, never stored by a cache, kept out of search engines and never passes the
address on to another site. The addresses these links had under /admin/ redirect here, so a
link already sent by mail keeps working.
"""
