"""Moving in from spreadsheets: employers (with their contact persons) and students, read
from the files schools keep today, planned row by row, and written through the partnerships
services in one transaction. Uses partnerships, checkpoints and core; none of them uses it."""
