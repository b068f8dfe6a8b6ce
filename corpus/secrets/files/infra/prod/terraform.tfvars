do_token = "dop_v1_a0984b0d96bc550d6e71804b3e00ba11396bc1bf8bfebd4ca62af1a8bd20f8db"
cloudflare_api_token = "zYejleu8qfuK19zg3rimQiNyFT4NdXHYbRXlRrJM"
environment = "prod"
app_version = "4a857a33790ab2c5098ab38e88cf387af713ec24"
