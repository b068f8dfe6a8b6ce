using System.Net;

class Smtp
{
    var creds = new NetworkCredential("billing@acme.io", "Cobalt&meadow5011");
    var creds = new NetworkCredential(cfg["Smtp:User"], cfg["Smtp:Password"]);
}
