using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PhatTrienDangVien.Web.Tests.Notifications;

/// <summary>A real SMTP server on 127.0.0.1 and a free port, keeping every message it receives.</summary>
public sealed class LoopbackSmtp : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public int Port { get; }
    public IReadOnlyCollection<(MimeMessage Message, IReadOnlyList<string> Recipients)> Received => _store.Messages;

    private LoopbackSmtp(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public static async Task<LoopbackSmtp> StartAsync()
    {
        var smtp = new LoopbackSmtp(FreePort());
        // Ready when it answers a connection.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, smtp.Port);
                return smtp;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException("The loopback SMTP server did not start.");
    }

    /// <summary>A port nothing listens on (taken from the system, then released).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task<(MimeMessage Message, IReadOnlyList<string> Recipients)> WaitForAsync(Func<MimeMessage, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            var found = _store.Messages.FirstOrDefault(m => match(m.Message));
            if (found.Message is not null) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("No such message reached the SMTP server.");
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<(MimeMessage Message, IReadOnlyList<string> Recipients)> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Messages.Enqueue((message, transaction.To.Select(t => t.User + "@" + t.Host).ToList()));
            return SmtpResponse.Ok;
        }
    }
}
