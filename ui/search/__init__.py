"""Widgets and helpers of the "Find a job" screens (ui/screens/find_job.py and friends)."""
