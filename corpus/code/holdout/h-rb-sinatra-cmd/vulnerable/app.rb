require "sinatra"

post "/resize" do
  `convert #{params['file']} -resize 100x100 out.png`
  "ok"
end
