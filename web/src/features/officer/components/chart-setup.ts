import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * chart.js with only the pieces the Tablero draws (bars and lines), registered once. Loaded with `import()`
 * by dashboard-chart.tsx only, so it is a chunk of its own that no other page downloads.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
Chart.defaults.font.family = "'Work Sans', 'Segoe UI', Roboto, Arial, sans-serif";
Chart.defaults.color = '#333333';

export { Chart };
