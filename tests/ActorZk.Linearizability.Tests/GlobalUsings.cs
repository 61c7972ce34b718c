global using Xunit;
global using ActorZk.TestSupport;
