const { AppDataSource } = require("../data-source");

exports.byCity = async (req, res) => {
  const city = req.query.city;
  const rows = await AppDataSource.query(`SELECT name FROM stores WHERE city = '${city}'`);
  res.json(rows);
};
