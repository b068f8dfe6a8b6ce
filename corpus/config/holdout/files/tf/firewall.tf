locals {
  anywhere   = ["0.0.0.0/0"]
  admin_port = 3389
}

resource "aws_security_group" "win" {
  name = "windows"
  ingress {
    from_port   = local.admin_port
    to_port     = local.admin_port
    protocol    = "tcp"
    cidr_blocks = local.anywhere
  }
}

resource "aws_vpc_security_group_ingress_rule" "mongo" {
  security_group_id = aws_security_group.win.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 27017
  to_port           = 27017
  ip_protocol       = "tcp"
}

resource "aws_network_acl_rule" "all_in" {
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}
