"""Development tools, above every product app: the demo seeder (demo/, `seed_demo`) and
the benchmark (bench/, `bench`, with the floor view and the X-Queries middleware)."""
