schema "app" {
  owner = role.app_admin
}

schema "public" {
  comment = "standard public schema"
  owner   = ref("role.pg_database_owner")
}

role "app_admin" {
  create_db   = true
  create_role = true

  member_of {
    role  = role.app_writer
    admin = true
  }
}

role "app_readonly" {
  comment = "Read-only application access"
}

role "app_writer" {
  member_of = [role.app_readonly]
}

user "bob" {
  conn_limit = 3
  member_of  = [role.app_readonly, ref("role.pg_read_all_data")]
}

table "docs" {
  schema = schema.app
  owner  = role.app_admin

  column "id" {
    type = integer
    null = false
  }

  column "owner_name" {
    type = text
    null = true
  }

  column "body" {
    type = text
    null = true
  }

  primary_key {
    columns = [column.id]
  }

  row_security {
    enabled  = true
    enforced = true
  }

  policy "ins" {
    for   = INSERT
    check = "owner_name = CURRENT_USER"
  }

  policy "no_delete" {
    for   = DELETE
    as    = RESTRICTIVE
    using = "false"
  }

  policy "own" {
    for   = SELECT
    to    = [role.app_readonly, user.bob]
    using = "owner_name = CURRENT_USER"
  }
}

permission {
  to         = PUBLIC
  for        = database
  privileges = [TEMPORARY, CONNECT]
}

permission {
  to         = role.app_readonly
  for        = database
  privileges = [CONNECT]
}

permission {
  to         = role.app_readonly
  for        = schema.app
  privileges = [USAGE]
}

permission {
  to         = role.app_readonly
  for        = table.docs
  privileges = [SELECT]
}

permission {
  to         = role.app_writer
  for        = table.docs
  privileges = [INSERT, SELECT, UPDATE]
  grantable  = true
}

permission {
  to         = PUBLIC
  for        = table.docs
  privileges = [SELECT]
  columns    = [table.docs.column.id, table.docs.column.owner_name]
}

permission {
  to         = user.bob
  for        = table.docs
  privileges = [UPDATE]
  columns    = [table.docs.column.body]
}

default_privileges {
  for = role.app_admin
  on  = SEQUENCES

  grant {
    to         = role.app_writer
    privileges = [USAGE]
    grantable  = true
  }
}

default_privileges {
  for    = role.app_admin
  schema = schema.app
  on     = TABLES

  grant {
    to         = role.app_readonly
    privileges = [SELECT]
  }
}

default_privileges {
  on = FUNCTIONS

  revoke {
    from       = PUBLIC
    privileges = [EXECUTE]
  }
}
