import sqlite3


def count_by_status(status):
    db = sqlite3.connect("tickets.db")
    return db.execute("SELECT COUNT(*) FROM tickets WHERE status = ?", (status,)).fetchone()[0]
