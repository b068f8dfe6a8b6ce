package com.acme.db;

class Pool {
    String url = "jdbc:mysql://db.internal:3306/shop?user=shop&password=Tundra@river861";
    ds.setPassword("_pBP8DHIN6J^R!aEo1@xyLPZ");
    ds.setPassword(System.getenv("SHOP_DB_PASSWORD"));
    ds.setPassword(config.getString("db.password"));
}
