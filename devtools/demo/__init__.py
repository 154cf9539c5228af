"""The demo institution of `make run`: seeder.py runs one DemoSeeder, whose parts seed the
institution and its students, employers, contacts, agreements and the partnership work."""
