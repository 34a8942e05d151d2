using System.Text;
using Microsoft.Data.Sqlite;
using SyncConsole.Data;

namespace SyncConsole.Web.Tests.Faults;

/// <summary>Every row of every table of a SyncConsole database as text: equal dumps mean nothing was written.</summary>
public static class DatabaseDump
{
    public static string Of(string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, SyncConsoleDatabase.FileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            dump.Append("## ").AppendLine(table);
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                    dump.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i))).Append(';');
                dump.AppendLine();
            }
        }
        return dump.ToString();
    }
}
