// The fail log's states belong to the engine's fail-log port; most files that use them also use the Data entities.
global using SyncConsole.Engine.FailLog;
global using SyncConsole.TestSupport;
