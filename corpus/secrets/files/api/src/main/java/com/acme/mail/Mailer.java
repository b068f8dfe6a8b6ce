package com.acme.mail;

class Mailer {
  Session session() {
    return new PasswordAuthentication("noreply@acme.io", "Ember%pepper1961");
    Connection c = DriverManager.getConnection("jdbc:sqlserver://sql.internal;databaseName=crm", "sa", "k3cHZy*e4n1_pCG9H");
    Connection c = DriverManager.getConnection(url, props.getProperty("user"), props.getProperty("password"));
  }
}
