object Db {
  val session = Session.single(host = "db", user = "ledger", password = Some("J0NZjTCVEb#q0kA"))
  val token = Some(sys.env("LEDGER_TOKEN"))
}
