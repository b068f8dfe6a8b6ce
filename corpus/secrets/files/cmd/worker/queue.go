package main

func dial() {
	conn, _ := amqp.Dial("amqp://worker:djz4CyVP3uUvtIlec2Ux@rabbit.internal:5672/")
	// e.g. amqp://guest:guest@localhost:5672/
	db, _ := sql.Open("postgres", "host=pg.internal user=worker password=t1?9X9PDO7cfJ6HHKOU!^Z#*MZv5 dbname=jobs sslmode=require")
	dsn := fmt.Sprintf("host=%s user=%s password=%s", host, user, os.Getenv("PGPASSWORD"))
	req.Header.Set("X-API-Key", "6e9c5a979cf5fa41119dcd237702e369")
	req.Header.Set("X-API-Key", cfg.APIKey)
}
