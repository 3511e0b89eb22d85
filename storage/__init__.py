"""Persistence: models, engine and sessions, repositories, migrations and packaged reference data.

Imports nothing from the other packages of the project.
"""
