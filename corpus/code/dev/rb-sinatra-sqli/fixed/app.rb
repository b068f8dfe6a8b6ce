require "sinatra"
require "sqlite3"

DB = SQLite3::Database.new("app.db")

get "/notes" do
  rows = DB.execute("SELECT title FROM notes WHERE tag = ?", [params["tag"]])
  rows.flatten.to_json
end
