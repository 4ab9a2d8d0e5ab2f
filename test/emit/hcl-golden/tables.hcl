schema "app" {}

schema "public" {
  comment = "standard public schema"
  owner   = ref("role.pg_database_owner")
}

enum "mood" {
  schema = schema.app
  values = ["sad", "ok", "happy"]
}

domain "posint" {
  schema  = schema.app
  type    = integer
  null    = false
  default = sql("1")

  check "positive" {
    expr = "value > 0"
  }
}

composite "pair" {
  schema = schema.app

  field "a" {
    type = integer
  }

  field "b" {
    type    = text
    collate = "C"
  }
}

sequence "counter" {
  schema    = schema.app
  type      = integer
  increment = 5
  cache     = 10
  cycle     = true
}

sequence "orders_id_seq" {
  schema   = schema.app
  type     = integer
  owned_by = table.orders.column.id
}

table "events" {
  schema = schema.app

  column "id" {
    type = integer
    null = true
  }

  column "at" {
    type = date
    null = false
  }

  partition {
    type    = RANGE
    columns = [column.at]
  }
}

table "events_2024" {
  schema          = schema.app
  partition_of    = table.events
  partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"

  column "id" {}

  column "at" {}
}

table "orders" {
  schema = schema.app

  column "id" {
    type    = integer
    null    = false
    default = sql("nextval(CAST('app.orders_id_seq' AS regclass))")
  }

  column "user_id" {
    type = bigint
    null = false
  }

  column "during" {
    type = tstzrange
    null = true
  }

  column "tags" {
    type = sql("text[]")
    null = true
  }

  primary_key {
    columns = [column.id]
  }

  foreign_key "orders_user_id_fkey" {
    columns     = [column.user_id]
    ref_columns = [table.users.column.id]
    on_delete   = CASCADE
  }

  exclude "no_overlap" {
    type = GIST

    on {
      column = column.during
      op     = "&&"
    }
  }

  index "orders_tags_idx" {
    columns = [column.tags]
    type    = GIN
  }

  index "orders_user_idx" {
    columns = [column.user_id]
  }
}

table "scratch" {
  schema   = schema.app
  unlogged = true

  column "k" {
    type = text
    null = true
  }
}

table "users" {
  schema         = schema.app
  storage_params = { fillfactor = 70 }
  comment        = "People"

  column "id" {
    type = bigint
    null = false

    identity {
      generated = ALWAYS
      start     = 100
    }
  }

  column "email" {
    type    = sql("character varying(255)")
    null    = false
    comment = "Contact address"
  }

  column "name" {
    type    = text
    null    = true
    collate = "C"
  }

  column "mood" {
    type    = enum.mood
    null    = true
    default = sql("CAST('ok' AS app.mood)")
  }

  column "score" {
    type = sql("numeric(10,2)")
    null = true
  }

  column "created" {
    type    = sql("timestamp with time zone")
    null    = false
    default = sql("now()")
  }

  column "lower_email" {
    type = text
    null = true

    as {
      expr = "lower(email::text)"
      type = STORED
    }
  }

  primary_key {
    columns = [column.id]
  }

  unique "users_email_key" {
    columns            = [column.email]
    nulls_distinct     = false
    deferrable         = true
    initially_deferred = true
  }

  check "users_score_check" {
    expr = "score >= 0::numeric"
  }

  index "users_lower_idx" {
    unique = true
    where  = "score > 0::numeric"

    on {
      expr        = "(lower(email::text))"
      desc        = true
      nulls_first = false
    }

    on {
      column = column.name
      ops    = "text_pattern_ops"
    }
  }
}

permission {
  to         = PUBLIC
  for        = schema.public
  privileges = [USAGE]
}

permission {
  to         = PUBLIC
  for        = enum.mood
  privileges = [USAGE]
}

permission {
  to         = PUBLIC
  for        = domain.posint
  privileges = [USAGE]
}

permission {
  to         = PUBLIC
  for        = composite.pair
  privileges = [USAGE]
}
