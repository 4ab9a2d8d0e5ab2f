schema "public" {
  comment = "standard public schema"
  owner   = ref("role.pg_database_owner")
}

table "accounts" {
  schema = schema.public

  column "id" {
    type = integer
    null = false
  }

  column "owner_name" {
    type = text
    null = true
  }

  column "balance" {
    type = integer
    null = true
  }

  primary_key {
    columns = [column.id]
  }
}

view "rich" {
  schema = schema.public
  as = <<-SQL
    SELECT id, owner_name FROM public.accounts WHERE balance > 1000
  SQL
}

materialized "totals" {
  schema    = schema.public
  with_data = false
  as = <<-SQL
    SELECT owner_name, sum(balance) AS total FROM public.accounts GROUP BY owner_name
  SQL

  column "owner_name" {}

  column "total" {}

  index "totals_owner" {
    unique  = true
    columns = [column.owner_name]
  }
}

function "add" {
  schema     = schema.public
  lang       = PLpgSQL
  return     = integer
  volatility = IMMUTABLE
  strict     = true
  comment    = "Adds"

  arg "a" {
    type = integer
  }

  arg "b" {
    type    = integer
    default = sql("1")
  }

  as = <<-SQL

    BEGIN
      RETURN a + b;
    END;
  SQL
}

function "audit" {
  schema = schema.public
  lang   = PLpgSQL
  return = sql("trigger")
  as = <<-SQL

    BEGIN
      RETURN NEW;
    END;
  SQL
}

function "ids" {
  schema   = schema.public
  lang     = SQL
  return   = sql("SETOF integer")
  security = DEFINER
  config   = { search_path = "public, pg_temp" }
  as       = "SELECT id FROM accounts"
}

function "rows_of" {
  schema     = schema.public
  lang       = SQL
  volatility = STABLE

  arg "lim" {
    type = integer
  }

  arg "id" {
    mode = TABLE
    type = integer
  }

  arg "owner_name" {
    mode = TABLE
    type = text
  }

  as = "SELECT id, owner_name FROM accounts LIMIT lim"
}

function "twice" {
  schema = schema.public
  lang   = SQL
  return = integer

  arg "x" {
    type = integer
  }

  as = sql("RETURN x * 2")
}

procedure "noop" {
  schema = schema.public
  lang   = PLpgSQL
  as = <<-SQL

    BEGIN
    END;
  SQL
}

trigger "accounts_audit" {
  on   = table.accounts
  for  = ROW
  when = "new.balance > 0"

  before {
    insert    = true
    update_of = [table.accounts.column.balance]
  }

  execute {
    function = function.audit
    args     = ["x"]
  }
}

permission {
  to         = PUBLIC
  for        = schema.public
  privileges = [USAGE]
}

permission {
  to         = PUBLIC
  for        = function.add
  privileges = [EXECUTE]
}

permission {
  to         = PUBLIC
  for        = function.audit
  privileges = [EXECUTE]
}

permission {
  to         = PUBLIC
  for        = function.ids
  privileges = [EXECUTE]
}

permission {
  to         = PUBLIC
  for        = procedure.noop
  privileges = [EXECUTE]
}

permission {
  to         = PUBLIC
  for        = function.rows_of
  privileges = [EXECUTE]
}

permission {
  to         = PUBLIC
  for        = function.twice
  privileges = [EXECUTE]
}
