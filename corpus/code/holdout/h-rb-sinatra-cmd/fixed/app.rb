require "sinatra"

post "/resize" do
  system("convert", params["file"].to_s, "-resize", "100x100", "out.png")
  "ok"
end
