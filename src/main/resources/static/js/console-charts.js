// Draws the console's charts from data-* attributes of their <canvas> (server-rendered figures).
(function () {
  function numbers(text) { return text ? text.split(',').map(Number) : []; }
  var byHour = document.getElementById('by-hour');
  if (byHour && window.Chart) {
    new Chart(byHour, {
      type: 'bar',
      data: {
        labels: byHour.dataset.hours ? byHour.dataset.hours.split(',') : [],
        datasets: [
          { label: byHour.dataset.labelAccepted, data: numbers(byHour.dataset.accepted), backgroundColor: '#1c3d8a' },
          { label: byHour.dataset.labelDelivered, data: numbers(byHour.dataset.delivered), backgroundColor: '#7fa7e0' }
        ]
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
})();
