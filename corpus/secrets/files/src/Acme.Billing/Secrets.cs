namespace Acme.Billing
{
    public static class Secrets
    {
        private const string Secretkey = "YOUR_API_KEY_HERE";
        var mistralApiKey = Environment.GetEnvironmentVariable("MISTRAL_API_KEY");
        private const string Sendgridapikey = "SG.Vt2Ivi7pX9ZT_gScppRGnX.L9_Zku_-2XxxGluMGZkRnJhKv2KCTn69P0Su2Kw92fp";
        private const string Postmanapikey = "PMAK-3d242fc423d60cdab8bef78b-b672de172a2d38d0dba9089dae755702db";
        private const string Consumersecret = "4TIlToNh7HKE0bNmbTAGFEfcVYXnKa0qrG042yXz";
        private const string Integrity = "sha512-cGhsMv584COf8UOnHl3f8z7DeXO8PUANuReUNiJ4H0StwTEx0FgXHWXalJ/LzEoKlVjmuxp0jwx5xINjWQlsvA==";
        private const string Tokentype = "Bearer";
        private const string Ddappkey = "ceea97414070cd33e40edfd53598a759a4ef1917";
        var hfToken = Environment.GetEnvironmentVariable("HF_TOKEN");
        private const string Apisecret = "29c263654c028b4e1445c2360ac8c0db";
        private const string Accesstoken = "lYzeEn5PVApsdZ6PVCydiHnU";
        private const string Password = "Maple@tundra1527";
        private const string Secretname = "prod/payments/db-credentials";
        private const string Striperestrictedkey = "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";
    }
}
