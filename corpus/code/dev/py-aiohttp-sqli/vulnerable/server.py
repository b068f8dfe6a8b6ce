import aiosqlite
from aiohttp import web


async def get_ticket(request):
    ticket_id = request.match_info["id"]
    async with aiosqlite.connect("tickets.db") as db:
        cursor = await db.execute("SELECT subject, status FROM tickets WHERE id = " + ticket_id)
        row = await cursor.fetchone()
    return web.json_response({"subject": row[0], "status": row[1]})


app = web.Application()
app.router.add_get("/tickets/{id}", get_ticket)
