"""`python -m diarium.cli`."""

from diarium.cli import app

if __name__ == "__main__":
    app()
