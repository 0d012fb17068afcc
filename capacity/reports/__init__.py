"""The programme dashboard and the donor reports (PDF, Excel) of a project.

capacity reads every app and nothing imports it: every query lives in
figures.py, so that a field renamed in an app is fixed in one place.
"""
