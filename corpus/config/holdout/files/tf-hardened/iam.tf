data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:*:123456789012:log-group:/app/*"]
  }
  statement {
    actions   = ["ec2:DescribeInstances", "cloudwatch:GetMetricData"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "google_project_iam_member" "logs" {
  project = "acme"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:app@acme.iam.gserviceaccount.com"
}
