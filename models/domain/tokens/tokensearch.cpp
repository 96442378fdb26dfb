// SPDX-License-Identifier: MIT
#include "tokensearch.h"

namespace td::TokenSearch {

bool maintainedByCode(Store &store)
{
    // By name rather than by schema version, so that renumbering migrations cannot break it.
    return store.isSqlite() &&
           store
               .scalar(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                      "name = 'api_tokens_search'"))
               .isValid();
}

QString addStatement()
{
    return QStringLiteral("INSERT INTO api_tokens_search (rowid, name, hint, user_name, "
                          "description) VALUES (?, ?, ?, ?, ?)");
}

void add(Store &store, qint64 tokenId, const QString &name, const QString &hint,
         const QString &userName, const QString &description)
{
    if (!maintainedByCode(store))
        return;
    store.run(addStatement(), {tokenId, name, hint, userName, description},
              "indexing a token for search");
}

void addAllAfter(Store &store, qint64 afterId)
{
    if (!maintainedByCode(store))
        return;
    store.run(QStringLiteral("INSERT INTO api_tokens_search (rowid, name, hint, user_name, "
                             "description) SELECT id, name, hint, user_name, description FROM "
                             "api_tokens WHERE id > ? ORDER BY id"),
              {afterId}, "indexing tokens for search");
}

void remove(Store &store, const QList<qint64> &tokenIds)
{
    if (!maintainedByCode(store) || tokenIds.isEmpty())
        return;
    QStringList ids;
    ids.reserve(tokenIds.size());
    for (qint64 id : tokenIds)
        ids << QString::number(id);
    // A contentless FTS5 table forgets a row when told exactly what was indexed for it.
    store.run(QStringLiteral("INSERT INTO api_tokens_search (api_tokens_search, rowid, name, hint, "
                             "user_name, description) SELECT 'delete', id, name, hint, user_name, "
                             "description FROM api_tokens WHERE id IN (%1)")
                  .arg(ids.join(QLatin1Char(','))),
              {}, "removing tokens from the search index");
}

QString matchPhrase(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool indexable(const QString &text)
{
    return text.toUcs4().size() >= MinimumIndexedLength;
}

QString textExpression(const QString &alias)
{
    const QString a = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    return QStringLiteral("(%1name || chr(10) || %1hint || chr(10) || %1user_name || chr(10) || "
                          "%1description)")
        .arg(a);
}

} // namespace td::TokenSearch
