"""`make bench`: seed.py (the data set), client.py and server.py (requests and gunicorn),
wrk.py (the load generator's scripts), pages.py and mix.py (the figures), sweep.py (the
reminder sweep), report.py (what is printed and kept)."""
